import '@testing-library/jest-dom/vitest';
import { vi } from 'vitest';

// Backstage's test utilities create their mocks with a global `jest.fn()`; vitest's `vi` offers
// the same API.
(globalThis as any).jest = vi;

