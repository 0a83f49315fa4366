"""Addresses: each post's and page's new slug, links between posts rewritten, and redirects
from the old addresses."""

from urllib.parse import unquote, urlsplit

from django.urls import reverse

from articles.models import Article, OldSlug
from articles.slugs import ascii_slug, unique_slug
from pages.models import Page, is_reserved
from redirects.models import Redirect, normalize_old_path

from . import convert
from .models import ImportedObject
from .rules import (
    PUBLISHED,
    host_of,
    lookup_form,
)

Kind = ImportedObject.Kind


class AddressesMixin:
    """Part of ``WordPressImport``: slugs, links and redirects."""

    def _plan_slugs(self):
        """Every post's and page's slug, before any is written: links need them."""
        mapped = {key: object_id for key, (_pk, object_id) in self.mapping.items()}
        owners = dict(Article.objects.values_list("slug", "pk"))
        for slug, article_id in OldSlug.objects.values_list("slug", "article_id"):
            owners.setdefault(slug, article_id)
        self._plan_slugs_of(Kind.POST, self.posts, owners, mapped, "article", is_reserved=None)
        owners = dict(Page.objects.values_list("slug", "pk"))
        self._plan_slugs_of(Kind.PAGE, self.pages, owners, mapped, "page", is_reserved)

    def _plan_slugs_of(self, kind, items, owners, mapped, fallback, is_reserved):
        planned = set()
        for item in items:
            own = mapped.get((kind, str(item.id)))
            limit = 200 if kind == Kind.POST else 100

            def is_taken(slug, own=own):
                return (
                    slug in planned
                    or owners.get(slug, own) != own
                    or (is_reserved is not None and is_reserved(slug))
                )

            base = ascii_slug(unquote(item.slug), limit) or convert.one_line(item.title)
            slug = unique_slug(base, is_taken, max_length=limit, fallback=fallback)
            planned.add(slug)
            self.plan.slugs[(kind, item.id)] = slug

    def _plan_addresses(self):
        """Old addresses of published posts and pages -> their new address."""
        for kind, items, view in [
            (Kind.POST, self.posts, "articles:detail"),
            (Kind.PAGE, self.pages, "pages:detail"),
        ]:
            for item in items:
                if item.status != PUBLISHED:
                    continue
                slug = self.plan.slugs[(kind, item.id)]
                new = reverse(view, kwargs={"slug": slug})
                if kind == Kind.POST:
                    self.plan.article_slugs[new] = slug
                for old in self._old_addresses(item):
                    self.plan.addresses[old] = new

    def _old_addresses(self, item):
        parameter = "page_id" if item.type == "page" else "p"
        addresses = [self._local(item.link), f"/?{parameter}={item.id}"]
        if "?" in item.link:
            addresses.append(self._local(item.link))
        path = addresses[0]
        for old_slug in [item.meta.get("_wp_old_slug", "")]:
            if old_slug and path and path.rstrip("/").endswith("/" + item.slug):
                addresses.append(path.rstrip("/")[: -len(item.slug)] + old_slug + "/")
        return [lookup_form(a) for a in addresses if a]

    def _local(self, href):
        """``href`` as an address of the old site (``/2024/03/a-post/``), or None if it leads
        elsewhere."""
        parts = urlsplit((href or "").strip())
        if parts.scheme not in {"", "http", "https"}:
            return None
        if parts.netloc and host_of(f"//{parts.netloc}") != self.host:
            return None
        if not parts.netloc and not parts.path.startswith("/"):
            return None
        path = "/" + "/".join(s for s in parts.path.split("/") if s) + "/"
        path = path if path != "//" else "/"
        return normalize_old_path(f"{path}?{parts.query}" if parts.query else path)

    def _new_address(self, href):
        local = self._local(href)
        new = self.plan.addresses.get(lookup_form(local)) if local else None
        if new in self.plan.article_slugs:
            self.linked_slugs.add(self.plan.article_slugs[new])
        return new

    def _converter_site(self):
        by_path, sizeless = {}, {}
        children = {}
        for attachment in self.attachments.values():
            by_path.setdefault(unquote(urlsplit(attachment.attachment_url).path), attachment.id)
            sizeless.setdefault(convert.image_path(attachment.attachment_url), attachment.id)
            children.setdefault(attachment.parent, []).append(attachment.id)
        return convert.Site(
            attachment_urls={i: a.attachment_url for i, a in self.attachments.items()},
            attachments_by_path={**sizeless, **by_path},
            attachments_of_post={post: sorted(ids) for post, ids in children.items()},
            new_address=self._new_address,
        )

    def _redirects(self):
        wanted = {}
        for old, new in self.plan.addresses.items():
            wanted[old] = new
        for (taxonomy, slug), term in self.plan.terms.items():
            target = (
                self.sections.get(slug) if taxonomy == "category" else None
            ) or self.tags.get((taxonomy, slug))
            if target is None:
                continue
            base = "category" if taxonomy == "category" else "tag"
            for path in {f"/{base}/{slug}/", f"/{base}/{self._category_path(term)}/"}:
                wanted[lookup_form(normalize_old_path(path))] = target.get_absolute_url()
        for login, author in self.authors.items():
            if login:
                wanted[f"/author/{ascii_slug(login)}/"] = author.get_absolute_url()
        existing = Redirect.objects.in_bulk(list(wanted), field_name="old_path")
        for old, new in wanted.items():
            if normalize_old_path(new) == old or not old.startswith("/"):
                continue
            # Once made, a redirect is the editors': a slug changed since is followed by the
            # article's own former addresses (OldSlug).
            if old in existing:
                self.report.count("redirects", "unchanged")
            else:
                Redirect.objects.create(old_path=old[:500], new_path=new)
                self.report.count("redirects", "created")

    def _category_path(self, term):
        """``parent/child`` for a category under another, as WordPress writes its address."""
        slugs, seen = [term.slug], {term.slug}
        while (
            parent := self.plan.terms.get(("category", term.parent))
        ) and parent.slug not in seen:
            slugs.insert(0, parent.slug)
            seen.add(parent.slug)
            term = parent
        return "/".join(slugs)
