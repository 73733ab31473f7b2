//! Terminal output: colour when stdout is a terminal and NO_COLOR is unset; errors to stderr.

use std::io::Write as _;

use anstream::ColorChoice;

/// True when standard output should get ANSI colour (a terminal, NO_COLOR unset).
pub(crate) fn stdout_color() -> bool {
    anstream::AutoStream::choice(&std::io::stdout()) != ColorChoice::Never
}

/// Writes to standard output, stripping colour when it should not be there.
pub(crate) fn print(text: &str) -> std::io::Result<()> {
    let mut out = anstream::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Writes bytes to standard output as they are (an export: HTML, Markdown, a PDF).
pub(crate) fn print_bytes(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// Prints an error and its causes, one line: `error: what: why`.
pub(crate) fn error(e: &anyhow::Error) {
    let mut err = anstream::stderr().lock();
    let chain: Vec<String> = e.chain().map(ToString::to_string).collect();
    let _ = writeln!(err, "\x1b[1;31merror\x1b[0m: {}", chain.join(": "));
}

/// Prints a warning line to stderr.
pub(crate) fn warn(message: &str) {
    let mut err = anstream::stderr().lock();
    let _ = writeln!(err, "\x1b[1;33mwarning\x1b[0m: {message}");
}

/// Prints a line of information to stderr.
pub(crate) fn info(message: &str) {
    let mut err = anstream::stderr().lock();
    let _ = writeln!(err, "{message}");
}

/// True when the error is a closed pipe (`prfaq check | head`), which is not a failure.
pub(crate) fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}
