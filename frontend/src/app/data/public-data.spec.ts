import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { Item, Page } from './item';
import { PublicData } from './public-data';

function item(id: string, title: string): Item {
  const at = '2026-01-01T10:00:00Z';
  return { id, owner: 'alice', title, body: '', visibility: 'public', createdAt: at, updatedAt: at, version: 0 };
}

function page(number: number, totalPages: number, ...items: Item[]): Page<Item> {
  return { content: items, page: { number, size: 5, totalElements: totalPages * 5, totalPages } };
}

describe('PublicData', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<PublicData>;
  let element: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [PublicData],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PublicData);
    element = fixture.nativeElement as HTMLElement;
    TestBed.tick();
  });

  afterEach(() => backend.verify());

  function expectPage(number: number): TestRequest {
    const request = backend.expectOne((r) => r.url === '/api/public-data');
    expect(request.request.params.get('page')).toBe(String(number));
    return request;
  }

  async function settle(): Promise<void> {
    await fixture.whenStable();
  }

  function titles(): string[] {
    return [...element.querySelectorAll('.items h3')].map((h) => h.firstChild!.textContent!.trim());
  }

  function button(name: string): HTMLButtonElement {
    return [...element.querySelectorAll<HTMLButtonElement>('.pager button')].find(
      (b) => b.textContent!.trim() === name,
    )!;
  }

  it('loads the first page, newest first, and shows it', async () => {
    expect(element.textContent).toContain('Loading…');
    const request = expectPage(0);
    expect(request.request.params.get('size')).toBe('5');
    expect(request.request.params.get('sort')).toBe('updatedAt,desc');

    request.flush(page(0, 1, item('1', "Alice's reading tips")));
    await settle();

    expect(titles()).toEqual(["Alice's reading tips"]);
    expect(element.querySelector('.pager')).toBeNull();
    expect(element.textContent).not.toContain('Loading…');
  });

  it('loads the next page when asked, keeping the current one on screen until it arrives', async () => {
    expectPage(0).flush(page(0, 2, item('1', 'First')));
    await settle();
    expect(element.querySelector('.pager span')?.textContent).toBe('Page 1 of 2');

    button('Next').click();
    TestBed.tick();
    const next = expectPage(1);
    expect(titles()).toEqual(['First']);

    next.flush(page(1, 2, item('2', 'Second')));
    await settle();

    expect(titles()).toEqual(['Second']);
    expect(element.querySelector('.pager span')?.textContent).toBe('Page 2 of 2');
    expect(button('Next').disabled).toBe(true);
  });

  it('shows the problem when the first page cannot be loaded', async () => {
    expectPage(0).flush(
      { detail: 'The service is down for maintenance.' },
      { status: 503, statusText: 'Service Unavailable' },
    );
    await settle();

    expect(element.querySelector('[role="alert"]')?.textContent).toBe('The service is down for maintenance.');
    expect(element.textContent).not.toContain('Loading…');
  });

  it('keeps the page it has when the next one fails, and asks again on the next click', async () => {
    expectPage(0).flush(page(0, 2, item('1', 'First')));
    await settle();

    button('Next').click();
    TestBed.tick();
    expectPage(1).error(new ProgressEvent('error'));
    await settle();

    expect(element.querySelector('[role="alert"]')?.textContent).toContain('cannot be reached');
    expect(titles()).toEqual(['First']);

    button('Next').click();
    TestBed.tick();
    expectPage(1).flush(page(1, 2, item('2', 'Second')));
    await settle();

    expect(element.querySelector('[role="alert"]')).toBeNull();
    expect(titles()).toEqual(['Second']);
  });
});
