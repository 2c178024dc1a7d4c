using System.Net;
using System.Net.Http.Headers;

namespace FreqScope.Data;

/// <summary>
/// Downloads catalogued files (<see cref="DatasetFile"/>) into a cache folder. A file is written to
/// <c>NAME.part</c>; an existing <c>.part</c> is resumed with an HTTP <c>Range</c> request (a server that answers
/// 200 instead of 206 Partial Content is downloaded again from byte 0); the result is checked against the catalogued
/// size and SHA-256, and only then renamed to <c>NAME</c>. A wrong checksum deletes the <c>.part</c>. Mirrors are
/// tried in order; when all fail, the error lists each mirror's failure.
/// </summary>
public sealed class DatasetDownloader : IDisposable
{
    private readonly HttpClient _client;
    private readonly bool _ownsClient;
    private readonly Action<string>? _log;

    /// <summary>Creates a downloader.</summary>
    /// <param name="client">The HTTP client to use (not disposed by this object); null for an own one.</param>
    /// <param name="log">Receives one line per download step (start, resume, verification), or null.</param>
    public DatasetDownloader(HttpClient? client = null, Action<string>? log = null)
    {
        _ownsClient = client is null;
        _client = client ?? new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        _log = log;
    }

    /// <summary>
    /// Downloads <paramref name="file"/> into <paramref name="cacheDir"/> unless <c>cacheDir/FileName</c> exists
    /// already (a finished file was verified before it got its name), blocking until done.
    /// </summary>
    /// <returns>The path of the verified file.</returns>
    /// <exception cref="DataFileException">Every mirror failed; the message names each mirror and its failure.</exception>
    public string Download(DatasetFile file, IReadOnlyList<string> baseUrls, string cacheDir, CancellationToken cancellationToken = default) =>
        DownloadAsync(file, baseUrls, cacheDir, cancellationToken).GetAwaiter().GetResult();

    /// <summary>
    /// Downloads <paramref name="file"/> from the first mirror of <paramref name="baseUrls"/> that delivers it
    /// intact (URL = base URL + file name), into <paramref name="cacheDir"/>, unless it is there already.
    /// </summary>
    /// <param name="file">The catalogued file, with its SHA-256 and (optional) size.</param>
    /// <param name="baseUrls">Base URLs, tried in order; a missing trailing <c>/</c> is added.</param>
    /// <param name="cacheDir">The folder for the file; created if missing.</param>
    /// <param name="cancellationToken">Cancels the download; the <c>.part</c> stays for a later resume.</param>
    /// <returns>The path of the verified file.</returns>
    /// <exception cref="DataFileException">Every mirror failed; the message names each mirror and its failure.</exception>
    public async Task<string> DownloadAsync(DatasetFile file, IReadOnlyList<string> baseUrls, string cacheDir, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(baseUrls);
        ArgumentNullException.ThrowIfNull(cacheDir);
        if (baseUrls.Count == 0) throw new ArgumentException($"no mirror given for {file.FileName}", nameof(baseUrls));

        string target = Path.Combine(cacheDir, file.FileName);
        if (File.Exists(target)) return target;
        Directory.CreateDirectory(cacheDir);

        var failures = new List<string>();
        foreach (var baseUrl in baseUrls)
        {
            string url = (baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/") + file.FileName;
            try
            {
                await DownloadFromAsync(file, url, target, cancellationToken).ConfigureAwait(false);
                return target;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested &&
                                      e is HttpRequestException or IOException or TaskCanceledException or DataFileException or UriFormatException
                                         or InvalidOperationException or NotSupportedException)
            {
                failures.Add($"{url}: {e.Message}");
                _log?.Invoke($"{url} failed: {e.Message}");
            }
        }

        throw new DataFileException(target, null,
            $"could not download {file.FileName} from any of {baseUrls.Count} mirror(s):" + string.Concat(failures.Select(f => "\n  " + f)));
    }

    private async Task DownloadFromAsync(DatasetFile file, string url, string target, CancellationToken cancellationToken)
    {
        string part = target + ".part";
        for (int attempt = 0; ; attempt++)
        {
            long existing = File.Exists(part) ? new FileInfo(part).Length : 0;
            if (file.Size is long size && existing > size)
            {
                _log?.Invoke($"{part} is longer than {file.FileName} ({existing} > {size} bytes); starting again");
                File.Delete(part);
                existing = 0;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (existing > 0) request.Headers.Range = new RangeHeaderValue(existing, null);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);

            if (existing > 0 && response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && attempt == 0)
            {
                _log?.Invoke($"{url} cannot resume at byte {existing} (416); starting again");
                File.Delete(part);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
            }

            bool append = false;
            if (existing > 0 && response.StatusCode == HttpStatusCode.PartialContent)
            {
                long? start = response.Content.Headers.ContentRange?.From;
                if (start != existing)
                {
                    if (attempt > 0) throw new HttpRequestException($"asked for bytes from {existing}, the server sent a range from {start?.ToString() ?? "(none)"}");
                    _log?.Invoke($"{url} sent a range from {start?.ToString() ?? "(none)"} instead of {existing}; starting again");
                    File.Delete(part);
                    continue;
                }

                append = true;
                _log?.Invoke($"resuming {url} at byte {existing}");
            }
            else
            {
                if (existing > 0) _log?.Invoke($"{url} ignored the range request (HTTP {(int)response.StatusCode}); downloading from byte 0");
                else _log?.Invoke($"downloading {url} → {target}");
            }

            await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
            await using (var output = new FileStream(part, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                await body.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                output.Flush(flushToDisk: true);
            }

            Verify(file, part);
            File.Move(part, target, overwrite: true);
            _log?.Invoke($"verified {target} (SHA-256 {file.Sha256})");
            return;
        }
    }

    private static void Verify(DatasetFile file, string part)
    {
        long length = new FileInfo(part).Length;
        if (file.Size is long size && length != size)
        {
            if (length > size) File.Delete(part);
            throw new IOException($"received {length} bytes of {file.FileName}; expected {size}" + (length > size ? " (the partial file was deleted)" : " (the partial file is kept for resuming)"));
        }

        string actual = FileHashes.Sha256(part);
        if (!string.Equals(actual, file.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(part);
            throw new DataFileException(part, null, $"SHA-256 mismatch: expected {file.Sha256}, got {actual} ({length} bytes); the partial file was deleted");
        }
    }

    /// <summary>Disposes the HTTP client if this object created it.</summary>
    public void Dispose()
    {
        if (_ownsClient) _client.Dispose();
    }
}
