namespace FreqScope.Data;

/// <summary>
/// The image data sets FreqScope knows by name — <c>"mnist"</c>, <c>"fashion-mnist"</c>, <c>"cifar10"</c> — with
/// their mirrors, file sizes and checksums.
/// </summary>
/// <remarks>
/// Where the checksums come from (sizes come with the SHA-256 values):
/// <list type="bullet">
/// <item>SHA-256 and sizes: TensorFlow Datasets' <c>tensorflow_datasets/url_checksums/mnist.txt</c>,
/// <c>fashion_mnist.txt</c> and <c>cifar10.txt</c>. For CIFAR-10 the same SHA-256, size and MD5 are also recorded
/// next to the dataset page's published MD5 by independent users.</item>
/// <item>MD5 of the published files: torchvision's <c>MNIST.resources</c> / <c>FashionMNIST.resources</c>; for
/// CIFAR-10 the table on https://www.cs.toronto.edu/~kriz/cifar.html (binary version:
/// c32a1d4ab5d03f1284b67883e8d87530; c58f30108f718f92721af3b95e74349a is the <em>python</em> version's).</item>
/// <item>MD5 of the decompressed IDX files: listed by several loaders (e.g. OpenMMLab-style <c>raw_data</c>
/// tables); the Fashion-MNIST ones were checked here against Debian's <c>dataset-fashion-mnist</c> package, whose
/// .gz files are recompressed (no file name in the gzip header: 23 bytes shorter, other SHA-256) but hold the same
/// data.</item>
/// </list>
/// </remarks>
public static class DatasetCatalog
{
    /// <summary>The folder inside CIFAR-10's binary archive that holds the batches.</summary>
    public const string CifarFolder = "cifar-10-batches-bin";

    private const string TrainImages = "train-images-idx3-ubyte.gz";
    private const string TrainLabels = "train-labels-idx1-ubyte.gz";
    private const string TestImages = "t10k-images-idx3-ubyte.gz";
    private const string TestLabels = "t10k-labels-idx1-ubyte.gz";

    /// <summary>MNIST (LeCun, Cortes, Burges): 60000 + 10000 handwritten digits, 1 × 28 × 28.</summary>
    public static DatasetSpec Mnist { get; } = new(
        "mnist",
        DatasetFormat.Idx,
        ["https://ossci-datasets.s3.amazonaws.com/mnist/", "https://storage.googleapis.com/cvdf-datasets/mnist/"],
        [
            new(TrainImages, 9912422, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609", "f68b3c2dcbeaaa9fbdd348bbdeb94873", "6bbc9ace898e44ae57da46a324031adb"),
            new(TrainLabels, 28881, "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c", "d53e105ee54ea40749a09fcbcd1e9432", "a25bea736e30d166cdddb491f175f624"),
            new(TestImages, 1648877, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6", "9fb629c4189551a2d022fa330f9573f3", "2646ac647ad5339dbf082846283269ea"),
            new(TestLabels, 4542, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", "ec29112dd5afa0611ce80d1b7f02629c", "27ae3e4e09519cfbb04c329615203637"),
        ],
        [TrainImages, TrainLabels],
        [TestImages, TestLabels],
        null, 1, 28, 28, 10, 60000, 10000);

    /// <summary>Fashion-MNIST (Xiao, Rasul, Vollgraf; Zalando Research): 60000 + 10000 clothing images, 1 × 28 × 28.</summary>
    public static DatasetSpec FashionMnist { get; } = new(
        "fashion-mnist",
        DatasetFormat.Idx,
        ["http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"],
        [
            new(TrainImages, 26421880, "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84", "8d4fb7e6c68d591d4c3dfef9ec88bf0d", "f4a8712d7a061bf5bd6d2ca38dc4d50a"),
            new(TrainLabels, 29515, "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845", "25c81989df183df01b3e8a0aad5dffbe", "9018921c3c673c538a1fc5bad174d6f9"),
            new(TestImages, 4422102, "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073", "bef4ecab320f06d8554ea6380940ec79", "8181f5470baa50b63fa0f6fddb340f0a"),
            new(TestLabels, 5148, "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5", "bb300cfdad3c16e7a12a480ee83cd310", "15d484375f8d13e6eb1aabb0c3f46965"),
        ],
        [TrainImages, TrainLabels],
        [TestImages, TestLabels],
        null, 1, 28, 28, 10, 60000, 10000);

    /// <summary>CIFAR-10 (Krizhevsky), binary version: 50000 + 10000 colour images, 3 × 32 × 32.</summary>
    public static DatasetSpec Cifar10 { get; } = new(
        "cifar10",
        DatasetFormat.Cifar10Binary,
        ["https://www.cs.toronto.edu/~kriz/"],
        [new("cifar-10-binary.tar.gz", 170052171, "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd", "c32a1d4ab5d03f1284b67883e8d87530")],
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"],
        ["test_batch.bin"],
        CifarFolder, 3, 32, 32, 10, 50000, 10000);

    /// <summary>Every catalogued data set, in the order of <see cref="Names"/>.</summary>
    public static IReadOnlyList<DatasetSpec> All { get; } = [Mnist, FashionMnist, Cifar10];

    /// <summary>The allowed names: <c>mnist</c>, <c>fashion-mnist</c>, <c>cifar10</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(s => s.Name).ToArray();

    /// <summary>The data set called <paramref name="name"/> (exact, lower-case).</summary>
    /// <exception cref="ArgumentException">The name is not catalogued; the message lists the allowed names.</exception>
    public static DatasetSpec Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(s => s.Name == name)
            ?? throw new ArgumentException($"unknown dataset \"{name}\"; expected one of: {string.Join(", ", Names)}", nameof(name));
    }
}
