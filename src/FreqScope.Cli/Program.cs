using FreqScope.Native;
using TorchSharp;
var r = NativeLoader.EnsureLoaded();
Console.WriteLine(r.Path);
foreach (var s in r.Steps) Console.WriteLine("  " + s);
var t = torch.randn(3, 3);
Console.WriteLine(t.matmul(t).sum().item<float>());
Console.WriteLine(torch.get_num_threads());
