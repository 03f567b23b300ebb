import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LazyMotion, MotionConfig } from 'motion/react';
import { App } from './ui/App/App';
import './ui/theme.css';

const loadFeatures = () => import('./motionFeatures').then((r) => r.default);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      {/* reducedMotion="user": tokens change place without travelling when the OS asks */}
      <MotionConfig reducedMotion="user">
        <LazyMotion features={loadFeatures} strict>
          <App />
        </LazyMotion>
      </MotionConfig>
    </StrictMode>,
  );
}
