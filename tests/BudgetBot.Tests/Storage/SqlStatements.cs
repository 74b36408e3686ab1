using System.Collections;
using System.Reflection;
using BudgetBot.Storage;

namespace BudgetBot.Tests.Storage;

// Every SqlStatement the service declares, found by reflection so none can be forgotten.
internal static class SqlStatements
{
    public static IReadOnlyList<SqlStatement> All()
    {
        var found = new List<SqlStatement>();
        foreach (var type in typeof(SqlStatement).Assembly.GetTypes())
        {
            foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            {
                if (field.FieldType.ContainsGenericParameters || type.ContainsGenericParameters)
                {
                    continue;
                }
                switch (field.GetValue(null))
                {
                    case SqlStatement s:
                        found.Add(s);
                        break;
                    case IEnumerable many when many is not string:
                        found.AddRange(many.OfType<object>().Select(Unwrap).OfType<SqlStatement>());
                        break;
                }
            }
        }
        return found;
    }

    private static object? Unwrap(object item) =>
        item.GetType() is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(KeyValuePair<,>)
            ? t.GetProperty("Value")!.GetValue(item)
            : item;
}
