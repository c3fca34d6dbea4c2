import './lib/zod-without-eval.js';
import { QueryClientProvider } from '@tanstack/react-query';
import { createTRPCQueryUtils } from '@trpc/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './app.js';
import { prefetchForUrl } from './boot.js';
import './i18n/index.js';
import { queryClient } from './lib/query-client.js';
import './styles.css';
import { createTrpcClient, trpc } from './trpc.js';

const trpcClient = createTrpcClient();

function Root() {
  return (
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </QueryClientProvider>
    </trpc.Provider>
  );
}

// The first render waits for the opening page's code, so that page never shows a Suspense fallback.
const render = () => createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
void prefetchForUrl(location.pathname, createTRPCQueryUtils({ queryClient, client: trpcClient })).then(render, render);
