/** spec/tool.ts for the page, which has no package.json to read: the build fills in the version. */
declare const __TOOL_VERSION__: string;

export const TOOL = { name: 'wsgi-conformance', version: __TOOL_VERSION__ } as const;
