// Lint: typescript-eslint's recommended rules; formatting is Prettier's job (npm run lint runs both).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.kafka/', '.local/', 'test-output/', 'services/**/*.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    // Command-line tools, tests and benchmarks print to the terminal on purpose.
    files: ['test/**', 'bench/**', 'services/**/cli/**', 'services/tools/**'],
    rules: { 'no-console': 'off' },
  },
);
