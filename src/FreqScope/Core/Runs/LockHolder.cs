namespace FreqScope.Core.Runs;

/// <summary>Who holds (or last held) a <see cref="FolderLock"/>: the process id, the host and when the process started (UTC).</summary>
/// <param name="Pid">The process id.</param>
/// <param name="Host">The machine's name.</param>
/// <param name="Started">When the process started, UTC.</param>
public sealed record LockHolder(int Pid, string Host, DateTime Started);
