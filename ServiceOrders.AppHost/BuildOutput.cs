using System.Reflection;
using System.Runtime.Versioning;

namespace ServiceOrders.AppHost;

public static class BuildOutputExtensions
{
    /// <summary>
    /// Runs the project's build output with <c>dotnet exec</c> rather than <c>dotnet run</c>, from its output folder as
    /// content root (where its appsettings*.json are). The process that is told to stop is then the program itself,
    /// which shuts down in order (the durable engine gives up its partition leases, so the next run resumes at once);
    /// under <c>dotnet run</c>, which does not pass SIGTERM on, it was killed after a timeout. The output is the one of
    /// the configuration this AppHost was built in, which the scripts' build makes.
    /// </summary>
    public static IResourceBuilder<ProjectResource> RunBuildOutput(this IResourceBuilder<ProjectResource> builder)
    {
        var project = builder.Resource.GetProjectMetadata().ProjectPath;
        var output = Path.Combine(Path.GetDirectoryName(project)!, "bin", Configuration, TargetFramework);
        var assembly = Path.Combine(output, $"{Path.GetFileNameWithoutExtension(project)}.dll");
#pragma warning disable ASPIREEXTENSION001 // Evaluation API; it is how a project resource replaces `dotnet run --project`.
        return builder.WithLaunchToolArgs(context =>
            {
                context.Args.Add("exec");
                context.Args.Add(assembly);
            })
#pragma warning restore ASPIREEXTENSION001
            .WithArgs("--contentRoot", output);
    }

    static string Configuration =>
        typeof(BuildOutputExtensions).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary>The target framework folder of this build (net10.0): every project of the solution shares it.</summary>
    static string TargetFramework
    {
        get
        {
            var version = new FrameworkName(AppContext.TargetFrameworkName!).Version;
            return $"net{version.Major}.{version.Minor}";
        }
    }
}
