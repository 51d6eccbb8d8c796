export const x = 1;
//# sourceMappingURL=foo.js.map