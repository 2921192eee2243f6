/**
 * Short sound effects made with WebAudio (no files): shot, hit, acid, grab, boom, the ring, your
 * turn. Nothing plays before the first user gesture (the AudioContext is made on it); the mute
 * toggle is kept in localStorage across visits.
 */
const KEY = "lastStand.muted";

type Cue = "shot" | "hit" | "acid" | "grab" | "boom" | "ring" | "turn";

export class Sound {
  private ctx: AudioContext | null = null;
  private gestured = false;
  muted: boolean;
  /** Cues played (or that would have played when muted), for tests. */
  played: string[] = [];

  constructor() {
    this.muted = (() => {
      try {
        return localStorage.getItem(KEY) === "1";
      } catch {
        return false;
      }
    })();
    const arm = () => {
      this.gestured = true;
      window.removeEventListener("pointerdown", arm, true);
      window.removeEventListener("keydown", arm, true);
    };
    window.addEventListener("pointerdown", arm, true);
    window.addEventListener("keydown", arm, true);
  }

  toggle(): boolean {
    this.muted = !this.muted;
    try {
      localStorage.setItem(KEY, this.muted ? "1" : "0");
    } catch {
      /* private mode: the choice lasts this visit */
    }
    return this.muted;
  }

  play(name: string): void {
    if (!this.gestured || this.muted) return;
    this.played.push(name);
    try {
      this.ctx ??= new AudioContext();
      this.synth(name as Cue, this.ctx);
    } catch {
      /* no audio device: stay silent */
    }
  }

  private synth(cue: Cue, ac: AudioContext): void {
    const t = ac.currentTime;
    const out = ac.createGain();
    out.connect(ac.destination);
    const tone = (type: OscillatorType, f0: number, f1: number, dur: number, vol: number, at = 0) => {
      const o = ac.createOscillator();
      const g = ac.createGain();
      o.type = type;
      o.frequency.setValueAtTime(f0, t + at);
      o.frequency.exponentialRampToValueAtTime(Math.max(20, f1), t + at + dur);
      g.gain.setValueAtTime(vol, t + at);
      g.gain.exponentialRampToValueAtTime(0.001, t + at + dur);
      o.connect(g).connect(out);
      o.start(t + at);
      o.stop(t + at + dur + 0.02);
    };
    const noise = (dur: number, vol: number, freq: number) => {
      const buf = ac.createBuffer(1, Math.ceil(ac.sampleRate * dur), ac.sampleRate);
      const d = buf.getChannelData(0);
      for (let i = 0; i < d.length; i++) d[i] = (Math.random() * 2 - 1) * (1 - i / d.length);
      const src = ac.createBufferSource();
      src.buffer = buf;
      const f = ac.createBiquadFilter();
      f.type = "bandpass";
      f.frequency.value = freq;
      const g = ac.createGain();
      g.gain.value = vol;
      src.connect(f).connect(g).connect(out);
      src.start(t);
    };
    switch (cue) {
      case "shot": noise(0.12, 0.5, 1800); tone("square", 220, 60, 0.08, 0.15); break;
      case "hit": tone("sawtooth", 160, 50, 0.15, 0.2); break;
      case "acid": noise(0.35, 0.25, 5000); break;
      case "grab": tone("sawtooth", 90, 140, 0.3, 0.18); break;
      case "boom": noise(0.6, 0.8, 300); tone("sine", 80, 30, 0.5, 0.4); break;
      case "ring": tone("triangle", 440, 220, 0.5, 0.15); tone("triangle", 330, 165, 0.5, 0.1, 0.1); break;
      case "turn": tone("sine", 660, 660, 0.09, 0.12); tone("sine", 880, 880, 0.12, 0.12, 0.1); break;
    }
  }
}
