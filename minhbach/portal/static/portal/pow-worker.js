/* Proof of work for the submit form, run in a Web Worker so the page never freezes: find a nonce such that
   SHA-256(challenge + ":" + nonce) starts with `bits` zero bits (the server checks it: minhbach/core/pow.py).
   Plain SHA-256 (FIPS 180-4), no library, no outside service. The nonce starts with as many "0"s as it takes to
   end the first 64-byte blocks, which are hashed once; each attempt then hashes a single block. */
(function () {
"use strict";

var K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
]);
var INITIAL = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
]);
var W = new Int32Array(64);

// One SHA-256 compression of the 64 bytes of `bytes` at `offset` into the state `H`.
function compress(H, bytes, offset) {
  var i, j, x, y, a, b, c, d, e, f, g, h, t1, t2;
  for (i = 0; i < 16; i++) {
    j = offset + i * 4;
    W[i] = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3];
  }
  for (i = 16; i < 64; i++) {
    x = W[i - 15];
    y = W[i - 2];
    W[i] = (W[i - 16] + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + W[i - 7] +
            (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
  }
  a = H[0]; b = H[1]; c = H[2]; d = H[3]; e = H[4]; f = H[5]; g = H[6]; h = H[7];
  for (i = 0; i < 64; i++) {
    t1 = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) +
          ((e & f) ^ (~e & g)) + K[i] + W[i]) | 0;
    t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) +
          ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
  }
  H[0] = (H[0] + a) | 0; H[1] = (H[1] + b) | 0; H[2] = (H[2] + c) | 0; H[3] = (H[3] + d) | 0;
  H[4] = (H[4] + e) | 0; H[5] = (H[5] + f) | 0; H[6] = (H[6] + g) | 0; H[7] = (H[7] + h) | 0;
}

function startsWithZeroBits(H, bits) {
  for (var i = 0; bits > 0; i++, bits -= 32) {
    var word = H[i] >>> 0;
    if (bits >= 32 ? word !== 0 : (word >>> (32 - bits)) !== 0) return false;
  }
  return true;
}

// The nonce ("0"s, then decimal digits) that solves `challenge` at `bits` zero bits.
function solve(challenge, bits) {
  var head = challenge + ":", filler = "", i;
  while ((head.length + filler.length) % 64) filler += "0";
  var text = head + filler, prefix = new Uint8Array(text.length);
  for (i = 0; i < text.length; i++) prefix[i] = text.charCodeAt(i) & 0xff;  // a challenge is plain ASCII
  var midstate = new Int32Array(INITIAL);
  for (i = 0; i < prefix.length; i += 64) compress(midstate, prefix, i);
  var block = new Uint8Array(64), state = new Int32Array(8);
  for (var n = 0; ; n++) {
    var digits = String(n), bitLength = (prefix.length + digits.length) * 8;
    block.fill(0);
    for (i = 0; i < digits.length; i++) block[i] = digits.charCodeAt(i);
    block[digits.length] = 0x80;
    block[60] = (bitLength >>> 24) & 0xff;
    block[61] = (bitLength >>> 16) & 0xff;
    block[62] = (bitLength >>> 8) & 0xff;
    block[63] = bitLength & 0xff;
    state.set(midstate);
    compress(state, block, 0);
    if (startsWithZeroBits(state, bits)) return filler + digits;
  }
}

self.solve = solve;
self.onmessage = function (event) {
  self.postMessage({challenge: event.data.challenge, nonce: solve(event.data.challenge, event.data.bits)});
};
})();
