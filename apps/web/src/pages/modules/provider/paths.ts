/** Where the provider's pages live: /c/:cut/mis-modulos, …/nuevo and …/:moduleId. */
export function myModulesPath(cut: string): string {
  return `/c/${cut}/mis-modulos`;
}

export function newModulePath(cut: string): string {
  return `${myModulesPath(cut)}/nuevo`;
}

export function providerModulePath(cut: string, moduleId: string): string {
  return `${myModulesPath(cut)}/${encodeURIComponent(moduleId)}`;
}
