"""Math as MathML, written at build time from the LaTeX as the feedback pages write theirs
(grader.feedback.tex_to_mathml): the site shows its formulas offline, with no script and no CDN."""

from docutils import nodes

from grader.feedback import tex_to_mathml


def _render(display):
    def visit(self, node):
        markup = tex_to_mathml(node.astext(), display) or f"<code>{self.encode(node.astext())}</code>"
        self.body.append(f'<div class="mathml-block" style="text-align: center; margin: 0.8em 0">{markup}</div>'
                         if display else markup)
        raise nodes.SkipNode
    return visit, None


def setup(app):
    app.add_html_math_renderer("mathml", _render(False), _render(True))
    app.config.html_math_renderer = "mathml"
    return {"parallel_read_safe": True}
