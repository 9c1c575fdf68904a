/*
 * What every package's .eslintrc.js adds to Backstage's ESLint configuration. The tests run on
 * vitest, whose test API is jest 29's with a few additions; eslint-plugin-jest is told so.
 */
module.exports = {
  // Without jest installed, eslint-plugin-jest cannot detect which API its rules check.
  settings: { jest: { version: 29 } },
  testRules: {
    // vitest's expect takes a message as its second argument: expect(value, 'what went wrong').
    'jest/valid-expect': ['error', { maxArgs: 2 }],
    // vitest's conditional tests: it.skipIf(condition)(name, fn) is a test block.
    'jest/no-standalone-expect': [
      'error',
      {
        additionalTestBlockFunctions: [
          'it.skipIf',
          'it.runIf',
          'test.skipIf',
          'test.runIf',
        ],
      },
    ],
    // Helpers that assert, used as the whole body of table-driven tests.
    'jest/expect-expect': [
      'warn',
      {
        assertFunctionNames: [
          'expect',
          'expectRefusedAsBadInput',
          'killMidBurstAndRestart',
        ],
      },
    ],
  },
};
