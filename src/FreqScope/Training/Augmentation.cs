using FreqScope.Core;
using static TorchSharp.torch;

namespace FreqScope.Training;

/// <summary>
/// Applies an <see cref="AugmentConfig"/> to a batch of images (N×C×H×W, any device), drawing every random choice
/// from torch's CPU generator. The caller's dispose scope owns the intermediate tensors.
/// </summary>
public static class Augmentation
{
    /// <summary>The augmented batch (a new tensor; <paramref name="images"/> is unchanged).</summary>
    /// <exception cref="ArgumentException">The batch is not 4-dimensional.</exception>
    public static Tensor Apply(Tensor images, AugmentConfig config)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(config);
        if (images.dim() != 4) throw new ArgumentException($"expected N×C×H×W images; got [{string.Join(", ", images.shape)}]", nameof(images));
        long n = images.shape[0], h = images.shape[2], w = images.shape[3];
        var device = images.device;
        var x = images;
        if (config.Flip)
        {
            var flip = (rand(n) < 0.5).to(device).reshape(n, 1, 1, 1);
            x = where(flip, x.flip(3), x);
        }

        if (config.Crop > 0)
        {
            int p = config.Crop;
            var padded = nn.functional.pad(x, [p, p, p, p]);
            long c = x.shape[1];
            var dx = randint(0, 2 * p + 1, n, dtype: int64).to(device);
            var dy = randint(0, 2 * p + 1, n, dtype: int64).to(device);
            // Image i is padded[i, :, dy_i … dy_i + h − 1, dx_i … dx_i + w − 1]: two gathers with per-image offsets.
            var rowIndex = (arange(h, dtype: int64, device: device).reshape(1, 1, h, 1) + dy.reshape(n, 1, 1, 1)).expand(n, c, h, w + 2 * p);
            var rows = padded.gather(2, rowIndex);
            var colIndex = (arange(w, dtype: int64, device: device).reshape(1, 1, 1, w) + dx.reshape(n, 1, 1, 1)).expand(n, c, h, w);
            x = rows.gather(3, colIndex);
        }

        if (config.Cutout > 0)
        {
            var cy = randint(0, h, n, dtype: int64).to(device).reshape(n, 1, 1);
            var cx = randint(0, w, n, dtype: int64).to(device).reshape(n, 1, 1);
            var rows = arange(h, dtype: int64, device: device).reshape(1, h, 1);
            var cols = arange(w, dtype: int64, device: device).reshape(1, 1, w);
            long half = config.Cutout / 2;
            // Rows cy − half … cy − half + side − 1, and the same for columns, clipped at the edges.
            var inside = (rows >= cy - half) & (rows < cy - half + config.Cutout) & (cols >= cx - half) & (cols < cx - half + config.Cutout);
            x = x * (~inside).unsqueeze(1).to(x.dtype);
        }

        return x;
    }
}
