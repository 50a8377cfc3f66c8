import { it } from 'vitest';
import { renderMarkdown, sanitize } from '../../site/src/lib/content/markdown';
it('scratch', () => {
  const inputs = [
    '# Title\n\n## Sub\n\n### S3\n\n- a\n- b\n\n1. x\n2. y\n\n[l](https://ex.com) [r](/novice/x/) [m](mailto:a@b.si)\n\n![alt](https://ex.com/a.jpg)\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\n```js\nconst x = 1;\n```\n\n*em* **strong** ~~del~~',
    '<script>alert(1)</script><style>p{}</style><iframe src="https://x"></iframe><object data="x"></object><embed src="x"><form action="x"><input></form>',
    '<img src="x" onerror="alert(1)"><p onclick="x()" style="color:red">hi</p>',
    '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](vbscript:msgbox) [d](data:text/html;base64,PHNjcmlwdD4=)',
    '<a href="jav&#x09;ascript:alert(1)">x</a><a href="&#106;avascript:alert(1)">y</a><a href=" javascript:alert(1)">z</a>',
    '<img src="data:image/png;base64,AAAA">![d](data:image/png;base64,AAAA)',
    '<svg><script>alert(1)</script></svg><math><mtext><script>alert(2)</script></mtext></math>',
    '<a href="//evil.example/x">p</a>',
    '<a href="http://ex.com" target="_blank" rel="opener">t</a>',
    '<a href="/x" target="_blank">rel</a>',
  ];
  for (const i of inputs) console.log('IN:', i, '\nOUT:', renderMarkdown(i), '\n');
  console.log(JSON.stringify([renderMarkdown(null), renderMarkdown(''), renderMarkdown(undefined)]));
});
