#!/usr/bin/env python3
"""Time from saving one release to the reload event, for `gongbo serve` on a big site.
usage: serve_edit.py GONGBO SITE_ROOT [edits]

From the benchmark kit (../shared/bench/serve_edit.py), with the event stream asked for
with the server's own Host (gongbo serve answers no other, against DNS rebinding). Each
edit prepends a line to one release; the reload event must arrive and the release page
must show the edit when it does. Prints each edit's time and the median."""
import os, re, socket, subprocess, sys, time, threading
gongbo, root = sys.argv[1], sys.argv[2]
edits = int(sys.argv[3]) if len(sys.argv) > 3 else 3
p = subprocess.Popen([gongbo, "serve", "--root", root, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
port, t0, lines = None, time.time(), []
while time.time() - t0 < 300:
    line = p.stdout.readline()
    if not line: break
    lines.append(line)
    m = re.search(r"127\.0\.0\.1:(\d+)", line)
    if m: port = int(m.group(1)); break
if not port: print("no port:", "".join(lines[-5:])); p.kill(); sys.exit(1)
print(f"first build + serve ready after {time.time()-t0:.1f} s")
threading.Thread(target=lambda: [None for _ in p.stdout], daemon=True).start()
def wait_event(sock, deadline):
    buf = b""
    while time.time() < deadline:
        sock.settimeout(max(0.01, deadline - time.time()))
        try: chunk = sock.recv(65536)
        except socket.timeout: return None
        if not chunk: return None
        buf += chunk
        if b"\ndata:" in buf or buf.startswith(b"data:") or b"event:" in buf: return buf
    return None
target = sorted(f for f in os.listdir(os.path.join(root, "content", "releases")) if f.endswith(".ko.md"))[len(os.listdir(os.path.join(root, "content", "releases")))//4]
path = os.path.join(root, "content", "releases", target)
orig = open(path, encoding="utf-8").read()
results = []
stale = []
try:
    for i in range(edits):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET /__gongbo/events HTTP/1.1\r\nHost: 127.0.0.1:" + str(port).encode() + b"\r\nAccept: text/event-stream\r\n\r\n")
        time.sleep(0.5); s.settimeout(0.2)
        try: s.recv(65536)
        except socket.timeout: pass
        time.sleep(1.0)
        t = time.time()
        with open(path, "w", encoding="utf-8") as f: f.write(orig.replace("\n---\n", f"\n---\n편집 {i} ", 1))
        ev = wait_event(s, t + 120)
        dt = time.time() - t
        results.append(dt if ev else None)
        print(f"edit {i}: reload event after {dt*1000:.0f} ms" if ev else f"edit {i}: no event in 120 s")
        if ev:  # the page must already show the edit when the event arrives
            import urllib.request
            stem = target[: -len(".ko.md")]
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/releases/{stem}/", timeout=10).read().decode("utf-8", "replace")
            except Exception as e:
                body = ""
            if f"편집 {i}" not in body:
                stale.append(i); print(f"edit {i}: /releases/{stem}/ does not show the edit")
        s.close(); time.sleep(2)
finally:
    open(path, "w", encoding="utf-8").write(orig)
    p.terminate(); p.wait(10)
ok = sorted(r for r in results if r)
print(f"median edit-to-reload {ok[len(ok)//2]*1000:.0f} ms over {len(ok)} edits, {len(stale)} stale" if ok else "no reloads")
