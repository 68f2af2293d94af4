"""Math as MathML, written at build time from the LaTeX (as the feedback pages do): the site shows its
formulas offline, with no script and no CDN."""

from latex2mathml.converter import convert


def _render(display):
    def visit(self, node):
        try:
            markup = convert(node.astext(), display="block" if display else "inline")
        except Exception:                                   # a formula the converter cannot read stays as text
            markup = f"<code>{self.encode(node.astext())}</code>"
        self.body.append(f'<div class="mathml-block" style="text-align: center; margin: 0.8em 0">{markup}</div>'
                         if display else markup)
        from docutils import nodes
        raise nodes.SkipNode
    return visit, None


def setup(app):
    app.add_html_math_renderer("mathml", _render(False), _render(True))
    app.config.html_math_renderer = "mathml"
    return {"parallel_read_safe": True}
