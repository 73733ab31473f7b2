//! One `prfaq serve` process on port 0 (the kernel picks a free port; the server prints it),
//! killed with SIGKILL when dropped.

use std::io::{BufRead as _, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;

use prfaq_loadgen::client::Http;

use super::{Backend, PATIENCE, wait_until};

/// A running server.
pub(crate) struct Server {
    child: Child,
    /// Where it listens.
    pub addr: SocketAddr,
}

impl Server {
    /// Starts `prfaq serve` on `backend` and waits until it answers `GET /login`.
    pub(crate) async fn start(backend: &Backend) -> Server {
        let args = backend.serve_args();
        let server = tokio::task::spawn_blocking(move || spawn(&args)).await.unwrap();
        let http = Http::new(server.addr);
        wait_until("the server to answer GET /login", || async {
            http.get("/login").await.is_ok_and(|reply| reply.status.as_u16() == 200)
        })
        .await;
        server
    }

    /// SIGKILL: no graceful shutdown, no flushing, like a crash or the OOM killer.
    pub(crate) fn kill(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Spawns the process and reads the address from its first line of output.
fn spawn(args: &[String]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_prfaq"))
        .arg("serve")
        .args(["--listen", "127.0.0.1:0"])
        .args(args)
        // No prfaq.toml above the temp dir: the default rules.
        .current_dir(std::env::temp_dir())
        .env_remove("PRFAQ_DATABASE_URL")
        .env_remove("RUST_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start prfaq serve");
    let stdout = child.stdout.take().expect("piped stdout");
    let (lines, first) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines.send(line);
        }
    });
    let Ok(line) = first.recv_timeout(PATIENCE) else {
        let _ = child.kill();
        let status = child.wait();
        panic!("prfaq serve printed no address within {PATIENCE:?} (exit: {status:?}); see its stderr above");
    };
    let addr = line
        .split_once("http://")
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .and_then(|addr| addr.parse().ok())
        .unwrap_or_else(|| panic!("no address in the first line of prfaq serve: {line:?}"));
    Server { child, addr }
}
