using System.Buffers.Binary;
using System.Text;

namespace FreqScope.Native;

/// <summary>
/// Reads and edits the symbol-versioning sections of a little-endian ELF64 shared object
/// (<c>.gnu.version_r</c>, type SHT_GNU_verneed, and <c>.gnu.version_d</c>, type SHT_GNU_verdef).
/// Works on a byte array in memory; the caller decides where the result is written.
/// </summary>
public static class ElfVersionPatcher
{
    /// <summary>Flag in <c>Vernaux.vna_flags</c>: the version requirement is weak (a missing version is not an error).</summary>
    public const ushort VerFlagWeak = 0x2;

    private const uint ShtGnuVerdef = 0x6ffffffd;
    private const uint ShtGnuVerneed = 0x6ffffffe;

    /// <summary>One version requirement (a <c>Vernaux</c> entry) of an ELF object.</summary>
    public readonly record struct VersionNeed(string File, string Version, ushort Flags, int FlagsOffset)
    {
        public bool IsWeak => (Flags & VerFlagWeak) != 0;
    }

    /// <summary>Lists every version requirement in <c>.gnu.version_r</c>, with the file offset of its flags field.</summary>
    public static IReadOnlyList<VersionNeed> ReadVersionNeeds(ReadOnlySpan<byte> elf)
    {
        var result = new List<VersionNeed>();
        foreach (var section in Sections(elf))
        {
            if (section.Type != ShtGnuVerneed) continue;
            var strtab = SectionAt(elf, section.Link);
            long offset = (long)section.Offset;
            for (uint n = 0; n < section.Info; n++)
            {
                var vn = Slice(elf, offset, 16);
                ushort count = BinaryPrimitives.ReadUInt16LittleEndian(vn[2..]);
                uint file = BinaryPrimitives.ReadUInt32LittleEndian(vn[4..]);
                uint aux = BinaryPrimitives.ReadUInt32LittleEndian(vn[8..]);
                uint next = BinaryPrimitives.ReadUInt32LittleEndian(vn[12..]);
                string fileName = ReadString(elf, strtab, file);
                long auxOffset = offset + aux;
                for (int a = 0; a < count; a++)
                {
                    var va = Slice(elf, auxOffset, 16);
                    ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(va[4..]);
                    uint name = BinaryPrimitives.ReadUInt32LittleEndian(va[8..]);
                    uint vnaNext = BinaryPrimitives.ReadUInt32LittleEndian(va[12..]);
                    result.Add(new VersionNeed(fileName, ReadString(elf, strtab, name), flags, checked((int)(auxOffset + 4))));
                    if (vnaNext == 0) break;
                    auxOffset += vnaNext;
                }
                if (next == 0) break;
                offset += next;
            }
        }
        return result;
    }

    /// <summary>Lists the version names an object defines in <c>.gnu.version_d</c> (e.g. GLIBCXX_3.4.30 for libstdc++).</summary>
    public static IReadOnlySet<string> ReadVersionDefinitions(ReadOnlySpan<byte> elf)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in Sections(elf))
        {
            if (section.Type != ShtGnuVerdef) continue;
            var strtab = SectionAt(elf, section.Link);
            long offset = (long)section.Offset;
            for (uint n = 0; n < section.Info; n++)
            {
                var vd = Slice(elf, offset, 20);
                ushort count = BinaryPrimitives.ReadUInt16LittleEndian(vd[6..]);
                uint aux = BinaryPrimitives.ReadUInt32LittleEndian(vd[12..]);
                uint next = BinaryPrimitives.ReadUInt32LittleEndian(vd[16..]);
                if (count > 0)
                {
                    var vda = Slice(elf, offset + aux, 8);
                    result.Add(ReadString(elf, strtab, BinaryPrimitives.ReadUInt32LittleEndian(vda)));
                }
                if (next == 0) break;
                offset += next;
            }
        }
        return result;
    }

    /// <summary>
    /// Marks the requirements on <paramref name="versions"/> from <paramref name="file"/> weak
    /// (<c>vna_flags |= VER_FLG_WEAK</c>), in place. Returns the names that were changed; a requirement
    /// already weak is left as it is. No other byte of the image changes.
    /// </summary>
    public static IReadOnlyList<string> MarkWeak(Span<byte> elf, string file, IEnumerable<string> versions)
    {
        var wanted = new HashSet<string>(versions, StringComparer.Ordinal);
        var changed = new List<string>();
        foreach (var need in ReadVersionNeeds(elf))
        {
            if (need.File != file || !wanted.Contains(need.Version) || need.IsWeak) continue;
            BinaryPrimitives.WriteUInt16LittleEndian(elf[need.FlagsOffset..], (ushort)(need.Flags | VerFlagWeak));
            changed.Add(need.Version);
        }
        return changed;
    }

    private readonly record struct Section(uint Type, ulong Offset, ulong Size, uint Link, uint Info);

    private static List<Section> Sections(ReadOnlySpan<byte> elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file (bad magic number)");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException($"unsupported ELF layout (class {elf[4]}, data {elf[5]}); expected 64-bit little-endian");
        ulong shoff = BinaryPrimitives.ReadUInt64LittleEndian(elf[0x28..]);
        ushort shentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3A..]);
        ushort shnum = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3C..]);
        if (shentsize < 64) throw new InvalidDataException($"ELF section header size {shentsize} is smaller than 64");
        var list = new List<Section>(shnum);
        for (int i = 0; i < shnum; i++)
        {
            var sh = Slice(elf, (long)shoff + (long)i * shentsize, 64);
            list.Add(new Section(
                BinaryPrimitives.ReadUInt32LittleEndian(sh[4..]),
                BinaryPrimitives.ReadUInt64LittleEndian(sh[0x18..]),
                BinaryPrimitives.ReadUInt64LittleEndian(sh[0x20..]),
                BinaryPrimitives.ReadUInt32LittleEndian(sh[0x28..]),
                BinaryPrimitives.ReadUInt32LittleEndian(sh[0x2C..])));
        }
        return list;
    }

    private static Section SectionAt(ReadOnlySpan<byte> elf, uint index)
    {
        var all = Sections(elf);
        if (index >= all.Count) throw new InvalidDataException($"ELF section index {index} out of range (0..{all.Count - 1})");
        return all[(int)index];
    }

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> elf, long offset, int length)
    {
        if (offset < 0 || offset + length > elf.Length)
            throw new InvalidDataException($"ELF structure at offset {offset} (+{length}) lies outside the file ({elf.Length} bytes)");
        return elf.Slice((int)offset, length);
    }

    private static string ReadString(ReadOnlySpan<byte> elf, Section strtab, uint index)
    {
        long start = (long)strtab.Offset + index;
        if (index >= strtab.Size || start >= elf.Length)
            throw new InvalidDataException($"ELF string index {index} outside its string table");
        var rest = elf[(int)start..];
        int end = rest.IndexOf((byte)0);
        if (end < 0) throw new InvalidDataException("unterminated ELF string");
        return Encoding.ASCII.GetString(rest[..end]);
    }
}
