/**
 * The walking-order key of a resident: the sort keys of community, grid, building, unit and
 * door joined with \u0001, which sorts below every printable character, so "3号楼" comes
 * before "3号楼A" and lists come back building by building, floor by floor.
 */
export function joinAddressKey(sortKeys: readonly string[]): string {
  return sortKeys.join("\u0001");
}
