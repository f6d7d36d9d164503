using System.Text;

namespace Substra.Generators.Emit;

/// <summary>An indentation-aware text builder (the shape of dotnet/runtime's SourceWriter).</summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new(8192);
    private int _indentation;

    public void Indent() => _indentation++;

    public void Unindent()
    {
        if (_indentation == 0)
        {
            throw new InvalidOperationException("Unbalanced indentation in generated source.");
        }

        _indentation--;
    }

    public void OpenBlock()
    {
        WriteLine("{");
        Indent();
    }

    public void CloseBlock(string suffix = "")
    {
        Unindent();
        WriteLine("}" + suffix);
    }

    public void WriteLine() => _builder.Append('\n');

    /// <summary>Writes each line of <paramref name="text"/> at the current indentation (blank lines stay empty).</summary>
    public void WriteLine(string text)
    {
        foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
        {
            if (line.Length > 0)
            {
                for (var i = 0; i < _indentation; i++)
                {
                    _builder.Append(IndentUnit);
                }

                _builder.Append(line);
            }

            _builder.Append('\n');
        }
    }

    public override string ToString()
    {
        if (_indentation != 0)
        {
            throw new InvalidOperationException("Generated source ends with open blocks.");
        }

        return _builder.ToString();
    }
}
