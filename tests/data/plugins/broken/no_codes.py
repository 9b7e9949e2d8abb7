from hygiene_audit.plugin import Category, Check, CheckContext, CheckResult


class NoCatalogue(Check):
    id = "T-NOCODES"
    title = "Forgot its catalogue"
    category = Category.OTHER

    def run(self, ctx: CheckContext) -> CheckResult:
        return CheckResult.of([])
