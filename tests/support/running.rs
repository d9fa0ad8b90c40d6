//! A running `gongbo serve` (the binary, on 127.0.0.1 and a free port, with the tests'
//! reference time), killed when dropped, and plain HTTP/1.1 requests to it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::NOW;

pub struct Running {
    child: Child,
    pub addr: String,
    pub stderr: Arc<Mutex<String>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response: status, header fields (names in lower case), body.
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

impl Running {
    /// Starts `gongbo serve --port 0 --root root` and waits until it listens.
    pub fn start(root: &Path) -> Running {
        Running::start_with(root, &[])
    }

    /// Starts `gongbo serve --port 0 --root root ARGS…` and waits until it listens. The
    /// binary is `GONGBO_SERVE_BIN` when set (to check that a test fails on another build
    /// of gongbo), else the one cargo built; messages are English unless `args` ask for
    /// `--locale ko`.
    pub fn start_with(root: &Path, args: &[&str]) -> Running {
        let bin = std::env::var_os("GONGBO_SERVE_BIN")
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_gongbo").into());
        let mut child = Command::new(bin)
            .env("LC_ALL", "C")
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .args(args)
            .env("SOURCE_DATE_EPOCH", NOW.to_string())
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let stderr = Arc::new(Mutex::new(String::new()));
        let addr = loop {
            let line = lines.next().expect("serve exited").unwrap();
            stderr.lock().unwrap().push_str(&format!("{line}\n"));
            // `serving at http://…/` (or, in Korean, `http://…/ 에서 미리 보기를 …`).
            if let Some(rest) = line
                .strip_prefix("serving at http://")
                .or_else(|| line.strip_prefix("http://"))
            {
                break rest.split('/').next().unwrap().to_string();
            }
        };
        // Keep draining stderr so the server never blocks on a full pipe.
        let sink = stderr.clone();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                sink.lock().unwrap().push_str(&format!("{line}\n"));
            }
        });
        Running {
            child,
            addr,
            stderr,
        }
    }

    /// The folder the server builds the site into (`gongbo-serve-PID-PORT/site` in the
    /// temporary folder).
    pub fn site_dir(&self) -> std::path::PathBuf {
        let port = self.addr.rsplit(':').next().unwrap();
        std::env::temp_dir()
            .join(format!("gongbo-serve-{}-{port}", self.child.id()))
            .join("site")
    }

    /// Resident memory of the server process, in KiB (Linux `/proc`).
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("the server process is gone");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS in /proc/PID/status")
    }

    /// The process still runs and has not reported a panic.
    pub fn assert_healthy(&mut self) {
        assert!(
            self.child.try_wait().unwrap().is_none(),
            "the server exited; its stderr:\n{}",
            self.stderr.lock().unwrap()
        );
        // Give the stderr reader a moment to catch up.
        std::thread::sleep(Duration::from_millis(100));
        let err = self.stderr.lock().unwrap();
        assert!(!err.contains("panicked"), "{err}");
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `method path` with `headers` (Host is added unless given) and `body`.
    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Answer {
        let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
        if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
            head.push_str(&format!("Host: {}\r\n", self.addr));
        }
        for (n, v) in headers {
            head.push_str(&format!("{n}: {v}\r\n"));
        }
        if !body.is_empty() || method == "POST" {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        s.write_all(head.as_bytes()).unwrap();
        // The server may answer (413) before the whole body is sent.
        let _ = s.write_all(body);
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        let split = out
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("no response head: {}", String::from_utf8_lossy(&out)));
        let head = String::from_utf8_lossy(&out[..split]).into_owned();
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Answer {
            status,
            headers,
            body: out[split + 4..].to_vec(),
        }
    }

    pub fn get(&self, path: &str) -> Answer {
        self.request("GET", path, &[], b"")
    }

    /// A call of the editor's local backend, as the editor page makes it.
    pub fn api(&self, call: &serde_json::Value) -> Answer {
        let origin = self.url();
        self.request(
            "POST",
            "/api/v1",
            &[
                ("Content-Type", "application/json; charset=utf-8"),
                ("Origin", &origin),
            ],
            &serde_json::to_vec(call).unwrap(),
        )
    }
}
