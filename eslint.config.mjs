// ESLint for the browser's own code (make lint): a flat config, kept small. The one rule so far: nothing is
// used before it is defined, so no order of declarations can matter at start-up (issue 38: a hoisted function
// called before the constant it reads was initialised stopped the assessment page).

export default [
  {
    files: ["docs/assets/**/*.mjs", "docs/assets/obc-worker.js"],
    languageOptions: { ecmaVersion: "latest", sourceType: "module" },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "no-use-before-define": ["error", { functions: true, classes: true, variables: true }],
    },
  },
];
