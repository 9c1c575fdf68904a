import { configure } from '@testing-library/react';

// Pages mount lazily, and on a busy two-core machine the first mount of a page can take more
// than testing-library's default second to appear; a wait for something that never comes still
// fails, only later.
configure({ asyncUtilTimeout: 5_000 });
