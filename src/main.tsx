import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App/App';
import './ui/theme.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
