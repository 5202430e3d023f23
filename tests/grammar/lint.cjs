// Reads a JSON array of {name, cypher} from stdin; prints a JSON array of {name, errors: [...]}
// using Neo4j's own Cypher language support (the parser Neo4j's tools use), offline.
const { lintCypherQuery } = require('@neo4j-cypher/language-support');

let input = '';
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const items = JSON.parse(input);
  const out = items.map(({ name, cypher }) => {
    const result = lintCypherQuery(cypher, {});
    const diagnostics = (result.diagnostics || result || []);
    const errors = diagnostics
      .filter((d) => d.severity === 1)
      // Parameters are supplied at run time; the linter only knows ones declared in a schema.
      .filter((d) => !/^Parameter \$\w+ is not defined\.?$/.test(d.message))
      .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`);
    return { name, errors };
  });
  process.stdout.write(JSON.stringify(out));
});
