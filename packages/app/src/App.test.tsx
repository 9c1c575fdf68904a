import { render, screen } from '@testing-library/react';

describe('App', () => {
  it('renders the demo sign-in page', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test', baseUrl: 'http://localhost:3000' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };
    const { default: app } = await import('./App');
    render(app.createRoot());
    expect(await screen.findByText('Release coordination demo')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign in as Alice' })).toBeInTheDocument();
  });
});
