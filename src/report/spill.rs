//! Output held until it can be written, in memory while it is small and in an anonymous
//! temporary file (deleted when dropped) once it is not.
//!
//! A long file's output is made a window at a time, and the SARIF log's results must wait for
//! the end of the run (its `invocations` come before them); a [`Spill`] keeps such output from
//! costing memory in proportion to it. What is spilled, and when it is copied out, is the
//! caller's business.

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};

/// Bytes written to a spill's file at a time.
const BUFFER_BYTES: usize = 256 * 1024;

/// What a spill does when it cannot make its temporary file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OnNoFile {
    /// Fail the write: the caller has another way to do without the disk.
    Fail,
    /// Stay in memory: the output is wanted either way.
    KeepInMemory,
}

/// Bytes in memory up to a limit, then in a temporary file.
pub struct Spill {
    limit: usize,
    on_no_file: OnNoFile,
    memory: Vec<u8>,
    file: Option<BufWriter<File>>,
    len: u64,
}

impl std::fmt::Debug for Spill {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Spill")
            .field("len", &self.len)
            .field("on_disk", &self.file.is_some())
            .finish_non_exhaustive()
    }
}

impl Spill {
    /// Moves to a file past `limit` bytes; where no file can be made it stays in memory.
    pub fn past(limit: usize) -> Spill {
        Spill::with(limit, OnNoFile::KeepInMemory)
    }

    /// Moves to a file past `limit` bytes; where no file can be made the write fails.
    pub fn past_or_fail(limit: usize) -> Spill {
        Spill::with(limit, OnNoFile::Fail)
    }

    /// Never moves to a file (for tests).
    pub fn in_memory() -> Spill {
        Spill::with(usize::MAX, OnNoFile::KeepInMemory)
    }

    fn with(limit: usize, on_no_file: OnNoFile) -> Spill {
        Spill {
            limit,
            on_no_file,
            memory: Vec::new(),
            file: None,
            len: 0,
        }
    }

    /// How many bytes were written.
    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether the bytes are in a file.
    pub fn on_disk(&self) -> bool {
        self.file.is_some()
    }

    /// Bytes held in memory (none once in a file, but for the file's buffer).
    pub fn in_memory_bytes(&self) -> usize {
        self.memory.len()
    }

    fn move_to_disk(&mut self) -> io::Result<()> {
        match tempfile::tempfile() {
            Ok(f) => {
                let mut w = BufWriter::with_capacity(BUFFER_BYTES, f);
                w.write_all(&self.memory)?;
                self.memory = Vec::new();
                self.file = Some(w);
                Ok(())
            }
            Err(e) => match self.on_no_file {
                OnNoFile::Fail => Err(io::Error::new(
                    e.kind(),
                    format!("could not make a temporary file: {e}"),
                )),
                OnNoFile::KeepInMemory => {
                    self.limit = usize::MAX;
                    Ok(())
                }
            },
        }
    }

    /// Writes what is buffered to the file and rewinds it, so that copying the spill out can
    /// only fail on reading: a full disk shows here, on the side that wrote.
    pub fn seal(&mut self) -> io::Result<()> {
        if let Some(w) = &mut self.file {
            w.flush()?;
            w.get_mut().seek(SeekFrom::Start(0))?;
        }
        Ok(())
    }

    /// Copies the bytes out, leaving out the first `skip` of them.
    pub fn copy_to(mut self, out: &mut dyn Write, skip: u64) -> io::Result<()> {
        self.seal()?;
        match self.file {
            Some(w) => {
                let mut f = w.into_inner().map_err(io::IntoInnerError::into_error)?;
                io::copy(&mut (&mut f).take(skip), &mut io::sink())?;
                io::copy(&mut f, out)?;
                Ok(())
            }
            None => {
                let skip = usize::try_from(skip).unwrap_or(usize::MAX);
                out.write_all(self.memory.get(skip..).unwrap_or_default())
            }
        }
    }
}

impl Write for Spill {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.file.is_none() && self.memory.len().saturating_add(buf.len()) > self.limit {
            self.move_to_disk()?;
        }
        match &mut self.file {
            Some(w) => w.write_all(buf)?,
            None => self.memory.extend_from_slice(buf),
        }
        self.len += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(w) => w.flush(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(spill: Spill, skip: u64) -> Vec<u8> {
        let mut v = Vec::new();
        spill.copy_to(&mut v, skip).expect("copy");
        v
    }

    #[test]
    fn small_output_stays_in_memory() {
        let mut s = Spill::past(16);
        s.write_all(b"hello ")
            .and_then(|()| s.write_all(b"world"))
            .expect("write");
        assert!(!s.on_disk());
        assert_eq!(s.len(), 11);
        assert_eq!(out(s, 0), b"hello world");
    }

    #[test]
    fn large_output_moves_to_a_file_and_comes_back_whole() {
        let mut s = Spill::past(10);
        let mut expected = Vec::new();
        for i in 0..1000 {
            let line = format!("line {i}\n");
            s.write_all(line.as_bytes()).expect("write");
            expected.extend_from_slice(line.as_bytes());
        }
        assert!(s.on_disk());
        assert_eq!(s.in_memory_bytes(), 0);
        assert_eq!(s.len(), expected.len() as u64);
        assert_eq!(out(s, 7), &expected[7..]);
    }

    #[test]
    fn skip_applies_in_memory_too() {
        let mut s = Spill::in_memory();
        s.write_all(b",\n{}").expect("write");
        assert_eq!(out(s, 2), b"{}");
        let mut s = Spill::in_memory();
        s.write_all(b"ab").expect("write");
        assert_eq!(out(s, 5), b"");
    }

    #[test]
    fn an_empty_spill_writes_nothing() {
        let s = Spill::past(0);
        assert!(s.is_empty());
        assert_eq!(out(s, 0), b"");
    }
}
