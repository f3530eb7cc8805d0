using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ServiceOrders.Cli.Schemas;

/// <summary>
/// The XML documentation the compiler writes beside an assembly (<c>GenerateDocumentationFile</c>), read as plain text
/// for schema titles and descriptions: a cross-reference becomes the name it points to (a property by its JSON name),
/// <c>&lt;c&gt;</c> its text, and white space is folded.
/// </summary>
internal sealed partial class XmlDocs
{
    readonly Dictionary<string, XElement> members;

    XmlDocs(Dictionary<string, XElement> members) => this.members = members;

    /// <summary>The documentation of <paramref name="assembly"/>; it must have been built with its documentation file.</summary>
    public static XmlDocs Of(Assembly assembly)
    {
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The documentation file of {assembly.GetName().Name} is missing ({Path.GetFileName(path)} beside the assembly); build it with GenerateDocumentationFile.");
        }

        var members = XDocument.Load(path).Descendants("member")
            .Where(m => m.Attribute("name") is not null)
            .ToDictionary(m => m.Attribute("name")!.Value, StringComparer.Ordinal);
        return new XmlDocs(members);
    }

    /// <summary>The summary of a type.</summary>
    public string? Type(Type type) => Text(Member("T:", type, null)?.Element("summary"));

    /// <summary>
    /// The documentation of a property: its own summary, or the <c>&lt;param&gt;</c> of the record's primary
    /// constructor that declares it.
    /// </summary>
    public string? Property(Type declaringType, string name) =>
        Text(Member("P:", declaringType, name)?.Element("summary"))
        ?? Text(Member("T:", declaringType, null)?.Elements("param").FirstOrDefault(p => p.Attribute("name")?.Value == name));

    /// <summary>The summary of an enum value or other field.</summary>
    public string? Field(Type declaringType, string name) => Text(Member("F:", declaringType, name)?.Element("summary"));

    XElement? Member(string prefix, Type type, string? name) =>
        members.GetValueOrDefault(prefix + IdOf(type) + (name is null ? "" : "." + name));

    static string IdOf(Type type) => (type.FullName ?? type.Name).Replace('+', '.');

    static string? Text(XElement? element)
    {
        if (element is null)
        {
            return null;
        }

        var text = new StringBuilder();
        Append(element, text);
        var folded = WhiteSpace().Replace(text.ToString(), " ").Trim();
        return folded.Length == 0 ? null : folded;
    }

    static void Append(XElement element, StringBuilder text)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText t:
                    text.Append(t.Value);
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } see:
                    text.Append(see.Attribute("cref")?.Value is { } cref ? NameOf(cref) : see.Attribute("langword")?.Value ?? see.Value);
                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } reference:
                    text.Append(reference.Attribute("name")?.Value);
                    break;
                case XElement child:
                    Append(child, text);
                    break;
            }
        }
    }

    /// <summary>
    /// What a cross-reference reads as: a type by its name, a property by its type's name and its own JSON name
    /// (<c>FieldDispatch.activityId</c>), a method or field by type and member.
    /// </summary>
    static string NameOf(string cref)
    {
        var kind = cref[0];
        var path = cref[2..];
        var parameters = path.IndexOf('(', StringComparison.Ordinal);
        if (parameters >= 0)
        {
            path = path[..parameters];
        }

        var parts = path.Split('.');
        return kind switch
        {
            'T' => parts[^1],
            'P' => $"{parts[^2]}.{JsonNamingPolicy.CamelCase.ConvertName(parts[^1])}",
            _ => $"{parts[^2]}.{parts[^1]}",
        };
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
