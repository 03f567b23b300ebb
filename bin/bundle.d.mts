/** The file URL of the bundle of a TypeScript entry point (a path from the project's root). */
export function bundled(entry: string): Promise<string>;
