// Renderer entry: mounts the app. Styles come from CSS files only (the CSP allows no inline style).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles/base.css';
import './styles/app.css';
import './styles/quality.css';
import './styles/imports.css';
import './styles/profile-details.css';
import './styles/audit.css';
import './styles/segments.css';
import './styles/customer-form.css';
import './styles/narrow.css';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
