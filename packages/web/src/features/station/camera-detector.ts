import {
  type BarcodeFormat,
  BarcodeDetector as Ponyfill,
  prepareZXingModule,
} from "barcode-detector/ponyfill";
import wasmUrl from "zxing-wasm/reader/zxing_reader.wasm?url";

/** Tube barcodes (Code 128, Code 39, ITF…) and resident QR codes. */
const FORMATS: BarcodeFormat[] = ["qr_code", "code_128", "code_39", "code_93", "codabar", "itf", "ean_13"];

export interface Detector {
  detect(source: ImageData): Promise<{ rawValue: string }[]>;
}

/**
 * The browser's own BarcodeDetector where it has one (Chrome on Android, macOS); elsewhere the
 * ZXing WebAssembly build, served from this site (never a CDN), so it works offline once loaded.
 */
export async function createDetector(): Promise<Detector> {
  const native = (globalThis as { BarcodeDetector?: typeof Ponyfill }).BarcodeDetector;
  if (native) {
    try {
      const supported = await native.getSupportedFormats();
      const formats = FORMATS.filter((f) => supported.includes(f));
      if (formats.includes("qr_code")) return new native({ formats });
    } catch {
      // fall through to the WebAssembly build
    }
  }
  await prepareZXingModule({
    overrides: {
      locateFile: (path: string, prefix: string) => (path.endsWith(".wasm") ? wasmUrl : prefix + path),
    },
    fireImmediately: true,
  });
  return new Ponyfill({ formats: FORMATS });
}
