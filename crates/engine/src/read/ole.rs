//! A structural check of OLE compound files (XLS, encrypted OOXML) before calamine reads them:
//! calamine 0.38 follows sector chains without a bound, so a chain that loops back on itself makes it
//! allocate until memory runs out (found by fuzzing; see tests/testdata/oom-cfb-fat-cycle.xls).
//! Only the chain tables are checked here; calamine still does the reading.
//!
//! [`workbook_stream`] then takes out the XLS workbook stream exactly as calamine will, so that what
//! calamine makes of it can be checked first (see `biff.rs`).

const FREE_OR_SPECIAL: u32 = 0xFFFF_FFFA; // above MAXREGSECT: free, end of chain, FAT or DIFAT sector
const DIFAT_SECTOR: u32 = 0xFFFF_FFFC;
const HEADER_DIFAT_ENTRIES: usize = 109;

fn u32_at(bytes: &[u8], offset: usize) -> Option<u32> {
    bytes.get(offset..offset + 4).and_then(|b| b.try_into().ok()).map(u32::from_le_bytes)
}

fn u16_at(bytes: &[u8], offset: usize) -> Option<u16> {
    bytes.get(offset..offset + 2).and_then(|b| b.try_into().ok()).map(u16::from_le_bytes)
}

/// Whether the FAT, the DIFAT chain and the mini FAT are free of loops, so every chain ends.
pub(super) fn chains_end(bytes: &[u8]) -> bool {
    check(bytes).is_some()
}

fn check(bytes: &[u8]) -> Option<()> {
    let sector_size = match u16_at(bytes, 0x1E)? {
        9 => 512,
        12 => 4096,
        _ => return None,
    };
    let sectors = bytes.len().saturating_sub(sector_size).div_ceil(sector_size);
    let sector = |id: u32| -> Option<&[u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(sector_size)?;
        bytes.get(start..(start + sector_size).min(bytes.len()))
    };
    let entries = |data: &[u8]| -> Vec<u32> { data.chunks_exact(4).filter_map(|c| u32_at(c, 0)).collect() };

    // The FAT's own sectors, as calamine takes them: every entry of the header's DIFAT (whatever the
    // declared count), then the DIFAT chain, whose last entry in each sector links to the next.
    let mut fat_ids: Vec<u32> = (0..HEADER_DIFAT_ENTRIES).filter_map(|i| u32_at(bytes, 0x4C + 4 * i)).collect();
    let mut next = u32_at(bytes, 0x44)?;
    let mut seen = 0;
    while next < FREE_OR_SPECIAL {
        seen += 1;
        if seen > sectors {
            return None; // the DIFAT chain loops
        }
        let ids = entries(sector(next)?);
        let (last, listed) = ids.split_last()?;
        fat_ids.extend_from_slice(listed);
        next = *last;
    }
    let mut fat = Vec::new();
    for id in fat_ids.into_iter().filter(|&id| id < DIFAT_SECTOR) {
        fat.extend(entries(sector(id)?));
    }
    if has_loop(&fat) {
        return None;
    }
    // The mini FAT (read only when declared) is itself a chain of the FAT, now known to end; its own
    // links must end too.
    let mut mini = Vec::new();
    if u32_at(bytes, 0x40)? > 0 {
        let mut id = u32_at(bytes, 0x3C)?;
        while id < FREE_OR_SPECIAL {
            mini.extend(entries(sector(id)?));
            id = *fat.get(id as usize)?;
        }
    }
    (!has_loop(&mini)).then_some(())
}

/// Whether following `next[i]` from some `i` comes back to a sector already on the way.
fn has_loop(next: &[u32]) -> bool {
    // 0: not visited, 1: on the current walk, 2: known to reach an end.
    let mut state = vec![0u8; next.len()];
    for start in 0..next.len() {
        let mut walk = Vec::new();
        let mut at = start;
        while let Some(mark) = state.get_mut(at) {
            match *mark {
                0 => *mark = 1,
                1 => return true,
                _ => break,
            }
            walk.push(at);
            match next.get(at) {
                Some(&to) if to < FREE_OR_SPECIAL => at = to as usize,
                _ => break,
            }
        }
        for visited in walk {
            if let Some(mark) = state.get_mut(visited) {
                *mark = 2;
            }
        }
    }
    false
}

/// What calamine 0.38 gets when it takes the workbook stream out of an OLE container.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Stream {
    /// The stream's bytes, as calamine will parse them.
    Read(Vec<u8>),
    /// calamine fails (or panics) before it parses a record: nothing to check.
    Fails,
    /// A chain comes back to a sector it went through: calamine would copy it again and again.
    Endless,
}

/// The `Workbook` stream (`Book` for Excel 5), taken out as calamine's `Xls::new` takes it, quirks
/// included: its sectors come one after the other from a reader, so a sector past the end of the file
/// is short the first time it is read and zeros after; a mini sector past the mini stream is read from
/// wherever the reader stands. Reproducing this (rather than reading the container properly) is what
/// makes the stream checked the one calamine parses. A bounded copy: every chain stops at the number of
/// sectors the file can hold.
pub(super) fn workbook_stream(bytes: &[u8]) -> Stream {
    let mut reader = Reader { bytes, at: 0 };
    match Container::open(&mut reader) {
        Ok(Some(mut container)) => match container.stream("Workbook", &mut reader) {
            Ok(Some(stream)) => Stream::Read(stream),
            Ok(None) => match container.stream("Book", &mut reader) {
                Ok(Some(stream)) => Stream::Read(stream),
                Ok(None) => Stream::Fails,
                Err(Endless) => Stream::Endless,
            },
            Err(Endless) => Stream::Endless,
        },
        Ok(None) => Stream::Fails,
        Err(Endless) => Stream::Endless,
    }
}

/// A chain that comes back to a sector already copied.
struct Endless;

/// calamine's reader: a cursor over the file's bytes.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    /// Copies what is left, up to `into.len()` bytes; how many.
    fn read(&mut self, into: &mut [u8]) -> usize {
        let rest = self.bytes.get(self.at..).unwrap_or_default();
        let count = into.len().min(rest.len());
        if let (Some(to), Some(from)) = (into.get_mut(..count), rest.get(..count)) {
            to.copy_from_slice(from);
        }
        self.at += count;
        count
    }
}

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

/// calamine's `Sectors`: sectors of `size` bytes, loaded from the reader on demand into `data`.
struct Sectors {
    data: Vec<u8>,
    size: usize,
    max_id: u32,
}

impl Sectors {
    /// Sector `id`; `None` where calamine fails or panics.
    fn get(&mut self, id: u32, reader: &mut Reader) -> Option<&[u8]> {
        if self.max_id < id {
            return None;
        }
        let start = (id as usize).checked_mul(self.size)?;
        let end = start.checked_add(self.size)?;
        if end > self.data.len() {
            let mut len = self.data.len();
            self.data.resize(end, 0);
            while len < end {
                let read = reader.read(self.data.get_mut(len..end)?);
                if read == 0 {
                    return self.data.get(start..len);
                }
                len += read;
            }
        }
        self.data.get(start..end)
    }

    /// The chain from `id`, cut at `len` bytes; `Ok(None)` where calamine fails.
    fn chain(
        &mut self,
        mut id: u32,
        next: &[u32],
        reader: &mut Reader,
        len: usize,
    ) -> Result<Option<Vec<u8>>, Endless> {
        let mut chain = Vec::new();
        let mut steps = 0u64;
        while id != END_OF_CHAIN {
            steps += 1;
            if steps > u64::from(self.max_id) + 1 {
                return Err(Endless);
            }
            let Some(sector) = self.get(id, reader) else { return Ok(None) };
            let copied = sector.len().min(len - chain.len());
            chain.extend_from_slice(sector.get(..copied).unwrap_or_default());
            if chain.len() >= len {
                break;
            }
            match next.get(id as usize) {
                Some(&to) => id = to,
                None => return Ok(None),
            }
        }
        Ok(Some(chain))
    }
}

/// calamine's `to_u32`, which panics on a length that is not a multiple of 4.
fn words(data: &[u8]) -> Option<impl Iterator<Item = u32> + '_> {
    data.len().is_multiple_of(4).then(|| data.chunks_exact(4).filter_map(|c| u32_at(c, 0)))
}

/// A directory entry: its name, first sector and length.
struct Entry {
    name: String,
    start: u32,
    len: usize,
}

/// calamine's `Cfb`: what `Cfb::new` reads.
struct Container {
    entries: Vec<Entry>,
    sectors: Sectors,
    fat: Vec<u32>,
    mini_sectors: Sectors,
    mini_fat: Vec<u32>,
}

impl Container {
    /// `Ok(None)` where `Cfb::new` fails or panics.
    fn open(reader: &mut Reader) -> Result<Option<Container>, Endless> {
        let mut header = [0u8; 512];
        let mut n = 0;
        while n < header.len() {
            let read = reader.read(header.get_mut(n..).unwrap_or_default());
            if read == 0 {
                break;
            }
            n += read;
        }
        if n < header.len() || !header.starts_with(super::OLE_MAGIC) {
            return Ok(None);
        }
        let version = u16_at(&header, 26);
        let size = match u16_at(&header, 30) {
            Some(9) => 512,
            Some(12) => {
                let mut rest = [0u8; 4096 - 512];
                if reader.read(&mut rest) < rest.len() {
                    return Ok(None);
                }
                4096
            }
            _ => return Ok(None),
        };
        if u16_at(&header, 32) != Some(6) {
            return Ok(None);
        }
        let field = |offset: usize| u32_at(&header, offset).unwrap_or_default();
        let (dir_start, mini_fat_start, mini_fat_len, difat_start) = (field(48), field(60), field(64), field(68));
        let max_id = u32::try_from(reader.bytes.len() / size).unwrap_or(u32::MAX);
        let mut sectors = Sectors { data: Vec::new(), size, max_id };

        let mut difat: Vec<u32> = header.get(76..).and_then(words).map(Iterator::collect).unwrap_or_default();
        let mut id = difat_start;
        let mut difat_sectors = 0u64;
        while id < FREE_OR_SPECIAL {
            difat_sectors += 1;
            if difat_sectors > u64::from(max_id) + 1 {
                return Ok(None);
            }
            let Some(ids) = sectors.get(id, reader).and_then(words) else { return Ok(None) };
            difat.extend(ids);
            let Some(next) = difat.pop() else { return Ok(None) };
            id = next;
        }
        let mut fat = Vec::new();
        for id in difat.into_iter().filter(|&id| id < DIFAT_SECTOR) {
            let Some(ids) = sectors.get(id, reader).and_then(words) else { return Ok(None) };
            fat.extend(ids);
        }

        let Some(directory) = sectors.chain(dir_start, &fat, reader, usize::MAX)? else { return Ok(None) };
        let mut entries = Vec::new();
        for raw in directory.chunks_exact(128) {
            let (name, _, _) = encoding_rs::UTF_16LE.decode(raw.get(..64).unwrap_or_default());
            let mut name = name.into_owned();
            if let Some(nul) = name.find('\0') {
                name.truncate(nul);
            }
            let start = u32_at(raw, 116).unwrap_or_default();
            let len = if size == 512 {
                u32_at(raw, 120).map(|len| len as usize)
            } else {
                raw.get(120..128)
                    .and_then(|b| b.try_into().ok())
                    .map(u64::from_le_bytes)
                    .and_then(|len| usize::try_from(len).ok())
            };
            let Some(len) = len else { return Ok(None) };
            entries.push(Entry { name, start, len });
        }
        let Some(root) = entries.first() else { return Ok(None) };
        if version != Some(3) && root.start == END_OF_CHAIN {
            return Ok(None);
        }
        let (mini_fat, mini_stream) = if mini_fat_len > 0 {
            let Some(mini_stream) = sectors.chain(root.start, &fat, reader, root.len)? else { return Ok(None) };
            let len = (mini_fat_len as usize).wrapping_mul(size);
            let Some(table) = sectors.chain(mini_fat_start, &fat, reader, len)? else { return Ok(None) };
            let Some(mini_fat) = words(&table).map(Iterator::collect) else { return Ok(None) };
            (mini_fat, mini_stream)
        } else {
            (Vec::new(), Vec::new())
        };
        let mini_sectors = Sectors { data: mini_stream, size: 64, max_id: max_id.wrapping_mul(8) };
        Ok(Some(Container { entries, sectors, fat, mini_sectors, mini_fat }))
    }

    /// The stream `name` (calamine's `get_stream`); `Ok(None)` where calamine fails.
    fn stream(&mut self, name: &str, reader: &mut Reader) -> Result<Option<Vec<u8>>, Endless> {
        let Some(entry) = self.entries.iter().find(|e| e.name.eq_ignore_ascii_case(name)) else { return Ok(None) };
        if entry.len < 4096 {
            self.mini_sectors.chain(entry.start, &self.mini_fat, reader, entry.len)
        } else {
            self.sectors.chain(entry.start, &self.fat, reader, entry.len)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loops_are_found() {
        assert!(has_loop(&[0]));
        assert!(has_loop(&[1, 2, 0]));
        assert!(!has_loop(&[1, 2, 0xFFFF_FFFE]));
        assert!(!has_loop(&[0xFFFF_FFFF, 0, 1]));
    }
}
