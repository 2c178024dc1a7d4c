using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace FreqScope.Tests.Data;

/// <summary>
/// A tiny HTTP server on 127.0.0.1 for download tests: serves registered paths, honours <c>Range: bytes=N-</c>
/// with 206 Partial Content (unless ranges are turned off), answers 404 otherwise, and records each request.
/// </summary>
internal sealed class LocalHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, byte[]> _files = new();
    private readonly Task _loop;

    public LocalHttpServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _loop = Task.Run(Serve);
    }

    public string BaseUrl { get; }

    /// <summary>Whether Range requests get 206; when false, every GET gets the whole file with 200.</summary>
    public bool SupportsRange { get; set; } = true;

    /// <summary>(path, Range header or null, status) of every request, in order.</summary>
    public ConcurrentQueue<(string Path, string? Range, int Status)> Requests { get; } = new();

    public void Add(string path, byte[] content) => _files[path] = content;

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var response = context.Response;
            string path = context.Request.Url!.AbsolutePath;
            string? range = context.Request.Headers["Range"];
            try
            {
                _files.TryGetValue(path, out var content);
                long from = 0;
                int status = content is null ? 404 : 200;
                if (content is not null && range is not null && SupportsRange && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
                {
                    from = long.Parse(range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
                    status = from >= content.Length ? 416 : 206;
                }

                Requests.Enqueue((path, range, status));
                response.StatusCode = status;
                if (status == 416) response.Headers["Content-Range"] = $"bytes */{content!.Length}";
                if (status == 206) response.Headers["Content-Range"] = $"bytes {from}-{content!.Length - 1}/{content.Length}";
                if (status is 200 or 206)
                {
                    response.ContentLength64 = content!.Length - from;
                    await response.OutputStream.WriteAsync(content.AsMemory((int)from));
                }

                response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The client went away; the next request is served as usual.
            }
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener.
        }
    }
}
