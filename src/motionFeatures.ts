// Motion's layout animation features (layoutId), loaded after the first paint.
import { domMax } from 'motion/react';
export default domMax;
