import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const enginePurity = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'zustand', 'zustand/*'],
          message: 'src/engine is pure: no React or zustand.',
        },
        {
          group: ['motion', 'motion/*', 'framer-motion'],
          message: 'src/engine is pure: no animation.',
        },
        {
          group: ['**/store', '**/store/*', '**/ui', '**/ui/*', '**/embed/*'],
          message: 'src/engine may not depend on the store, the UI or the embed layer.',
        },
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'window', message: 'src/engine has no DOM.' },
    { name: 'document', message: 'src/engine has no DOM.' },
    { name: 'setTimeout', message: 'src/engine has no timers: time is virtual.' },
    { name: 'setInterval', message: 'src/engine has no timers: time is virtual.' },
    { name: 'requestAnimationFrame', message: 'The run loop lives in src/store.' },
    { name: 'performance', message: 'src/engine has no clock: time is virtual.' },
    { name: 'process', message: 'src/engine runs in the browser too: no Node globals.' },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Use the seeded generator in the state.' },
    { object: 'Date', property: 'now', message: 'src/engine has no clock: time is virtual.' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Date']", message: 'src/engine has no clock.' },
  ],
};

export default tseslint.config(
  {
    ignores: ['dist', 'node_modules', 'test-results', 'playwright-report'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/store/**/*.ts', 'src/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: enginePurity,
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
