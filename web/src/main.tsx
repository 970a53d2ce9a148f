import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProvider } from './context.js';
import { App } from './App.js';
import './styles.css';

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <AppProvider>
        <App />
      </AppProvider>
    </StrictMode>,
  );
