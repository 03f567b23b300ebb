import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LazyMotion, MotionConfig } from 'motion/react';
import { App } from './ui/App/App';
import { Crash } from './ui/Crash/Crash';
import { lazy, Suspense } from 'react';
import './ui/theme.css';

const loadFeatures = () => import('./motionFeatures').then((r) => r.default);

// `?embed=1`: the minimal page for iframes in other people's tutorials
const embed = new URLSearchParams(window.location.search).get('embed') === '1';
const Embed = lazy(() => import('./ui/Embed/Embed').then((m) => ({ default: m.Embed })));

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      {/* reducedMotion="user": tokens change place without travelling when the OS asks */}
      <MotionConfig reducedMotion="user">
        <LazyMotion features={loadFeatures} strict>
          <Crash where={embed ? 'embedded simulator' : 'page'}>
            {embed ? (
              <Suspense fallback={null}>
                <Embed />
              </Suspense>
            ) : (
              <App />
            )}
          </Crash>
        </LazyMotion>
      </MotionConfig>
    </StrictMode>,
  );
}
