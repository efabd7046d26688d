//! A structural check of OLE compound files (XLS, encrypted OOXML) before calamine reads them:
//! calamine 0.38 follows sector chains without a bound, so a chain that loops back on itself makes it
//! allocate until memory runs out (found by fuzzing; see tests/testdata/oom-cfb-fat-cycle.xls).
//! Only the chain tables are checked here; calamine still does the reading.

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
