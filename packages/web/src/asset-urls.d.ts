// Vite turns `import x from "file?url"` into the built file's URL (used for the barcode decoder's
// WebAssembly, which must come from this site, not a CDN, to work offline).
declare module "*?url" {
  const url: string;
  // biome-ignore lint/style/noDefaultExport: the shape Vite gives these imports
  export default url;
}
