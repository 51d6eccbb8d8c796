// The whole message (type byte, length and payload) of a frame, for forwarding it unchanged.
import type { Frame } from '../../protocol/frame-reader.js';

export function frameBytes(frame: Frame): Buffer {
  return frame.raw;
}
