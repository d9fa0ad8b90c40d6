// IME-like Hangul input through CDP: composition updates as a 2-beolsik IME makes them,
// including the final consonant that moves to the next syllable (하 → 한 → 하 + 나).
const L2C = [0x3131,0x3132,0x3134,0x3137,0x3138,0x3139,0x3141,0x3142,0x3143,0x3145,0x3146,0x3147,0x3148,0x3149,0x314A,0x314B,0x314C,0x314D,0x314E];
const L2T = [1,2,4,7,0,8,16,17,0,19,20,21,22,0,23,24,25,26,27];
const parts = (ch) => { const c = ch.codePointAt(0) - 0xAC00; if (!(c >= 0 && c <= 11171)) return null; return { l: Math.floor(c / 588), v: Math.floor((c % 588) / 28), t: c % 28 }; };
const syl = (l, v, t) => String.fromCodePoint(0xAC00 + l * 588 + v * 28 + t);
export async function typeHangul(page, cdp, text) {
  const chars = [...text];
  const key = (type) => cdp.send('Input.dispatchKeyEvent', { type, key: 'Process', code: 'KeyA', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
  const set = (s) => cdp.send('Input.imeSetComposition', { text: s, selectionStart: s.length, selectionEnd: s.length });
  const commit = (s) => cdp.send('Input.insertText', { text: s });
  const stroke = async (f) => { await key('rawKeyDown'); await f(); await key('keyUp'); };
  let carried = null; // the previous syllable, shown with this one's onset as its final
  for (let i = 0; i < chars.length; i++) {
    const p = parts(chars[i]);
    if (!p) { await page.keyboard.type(chars[i]); continue; }
    if (carried) {
      const prev = carried;
      await stroke(async () => { await commit(prev); await set(syl(p.l, p.v, 0)); });
      carried = null;
    } else {
      await stroke(() => set(String.fromCodePoint(L2C[p.l])));
      await stroke(() => set(syl(p.l, p.v, 0)));
    }
    if (p.t) await stroke(() => set(chars[i]));
    const next = i + 1 < chars.length ? parts(chars[i + 1]) : null;
    if (!p.t && next && L2T[next.l]) {
      await stroke(() => set(syl(p.l, p.v, L2T[next.l])));
      carried = chars[i];
    } else {
      await commit(chars[i]);
    }
  }
}
