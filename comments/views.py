from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from articles.models import Article
from safeguards.cross_site import is_cross_site

from . import pending, trust
from .forms import CommentForm
from .services import article_takes_comments, count_submission, post_comment

# Where "Save my name, email and website" kept them before they moved to the browser's
# localStorage (static/js/comments.js): a cookie sent with every request, deleted when seen.
OLD_COMMENTER_COOKIE = "newsroom_commenter"


# The form comes from cached pages shared by all readers, so it has no CSRF token: the
# browser's word on where the POST comes from (safeguards/cross_site.py) protects it instead.
@method_decorator(csrf_exempt, name="dispatch")
class PostCommentView(View):
    """POST a comment to a published article; errors re-render the article page with the
    reader's input intact, success redirects back to it (Post/Redirect/Get)."""

    http_method_names = ["get", "post"]
    # The article's page, as articles renders it; its comment section is this app's template
    # tag, which shows the form and the refusal given in the context.
    article_template = "articles/article_detail.html"

    def get_article(self):
        articles = Article.objects.published().for_page()
        return get_object_or_404(articles, slug=self.kwargs["slug"])

    def get(self, request, *args, **kwargs):
        return redirect(self.get_article().get_absolute_url() + "#comments")

    def post(self, request, *args, **kwargs):
        self.article = article = self.get_article()
        form = CommentForm(request.POST, article=article)
        if is_cross_site(request):
            message = _("Your comment was not sent: it did not come from this site's page.")
            return self.refuse(form, message, status=403)
        if not article_takes_comments(article):
            return self.refuse(form, _("Comments are closed."), status=403)
        if count_submission(request.META.get("REMOTE_ADDR", "")):
            message = _("You are posting comments too fast. Wait a minute, then send it again.")
            return self.refuse(form, message, status=429)
        if not form.is_valid():
            return self.render_article(form)

        data = form.cleaned_data
        comment = post_comment(
            article=article,
            parent=data["parent"],
            name=data["author_name"],
            email=data["author_email"],
            url=data["author_url"],
            body=data["body"],
            honeypot=data["homepage"],
            form_age=form.form_age,
            user=request.user,
            ip=request.META.get("REMOTE_ADDR") or None,
            user_agent=request.headers.get("User-Agent", ""),
            base_url=request.build_absolute_uri("/").rstrip("/"),
            proven_ids=trust.trusted_ids(request),
            notify_replies=data["notify_replies"],
        )
        if comment.is_approved:
            messages.success(request, _("Your comment is published."))
            return self.posted(redirect(article.get_absolute_url() + f"#{comment.anchor}"))
        # Held, spam and duplicates alike: one answer, which tells nobody whether the email
        # typed wrote anything before, or what the rules made of the comment.
        messages.info(request, _("Your comment is awaiting moderation."))
        response = redirect(article.get_absolute_url() + f"#{comment.anchor}")
        ids = [*pending.pending_ids(request), comment.pk]
        pending.remember(response, request, article.get_absolute_url(), ids)
        return self.posted(response)

    def posted(self, response):
        """The answer to a comment posted: with the details the browser kept in a cookie
        before deleted (they live in its localStorage now)."""
        if OLD_COMMENTER_COOKIE in self.request.COOKIES:
            response.delete_cookie(OLD_COMMENTER_COOKIE, samesite="Lax")
        return response

    def refuse(self, form, message, *, status):
        """Re-render the article with the reader's text and why it was refused."""
        form.is_valid()  # bind cleaned data so the text shows again
        form.add_error(None, message)
        return self.render_article(form, refusal=message, status=status)

    def render_article(self, form, *, refusal=None, status=200):
        """The article's page with the reader's form: their input, its errors, the refusal."""
        context = {
            "article": self.article,
            "object": self.article,
            "comment_form": form,
            "comment_refusal": refusal,
        }
        return TemplateResponse(self.request, self.article_template, context, status=status)
