// cms/ resolves modules the Node 10 way, which ignores package.json "exports"; Node itself loads
// altcha-lib/v1 through them at run time, and its types live at this path.
declare module 'altcha-lib/v1' {
  export * from 'altcha-lib/dist/esm/v1/index';
}
