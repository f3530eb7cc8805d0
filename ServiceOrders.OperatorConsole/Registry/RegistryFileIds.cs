using System.Text;
using ServiceOrders.Contracts.Registry;

namespace ServiceOrders.OperatorConsole.Registry;

/// <summary>
/// The service point ids of a registry file the API has just imported, to list what was imported (its answer only
/// counts them). The API has checked the file, so this reads only the id column: a line's fields split at commas, a
/// quoted value unquoted.
/// </summary>
public static class RegistryFileIds
{
    public static List<string> Read(byte[] file, int atMost)
    {
        var ids = new List<string>();
        using var reader = new StringReader(Encoding.UTF8.GetString(file).TrimStart('\uFEFF'));
        int? column = null;
        for (var line = reader.ReadLine(); line is not null && ids.Count < atMost; line = reader.ReadLine())
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = Split(line);
            if (column is null)
            {
                column = fields.FindIndex(f => string.Equals(f, RegistryFile.Columns[0], StringComparison.OrdinalIgnoreCase));
                if (column < 0)
                {
                    return ids;
                }

                continue;
            }

            if (column < fields.Count && fields[column.Value].Length > 0)
            {
                ids.Add(fields[column.Value]);
            }
        }

        return ids;
    }

    static List<string> Split(string line)
    {
        var fields = new List<string>();
        var value = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    value.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    value.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(value.ToString().Trim());
                value.Clear();
            }
            else
            {
                value.Append(c);
            }
        }

        fields.Add(value.ToString().Trim());
        return fields;
    }
}
