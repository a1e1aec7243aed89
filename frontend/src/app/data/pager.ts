import { Component, input, output } from '@angular/core';

@Component({
  selector: 'app-pager',
  template: `
    @if (totalPages() > 1) {
      <nav class="pager" aria-label="Pages">
        <button type="button" class="secondary" [disabled]="page() === 0" (click)="changed.emit(page() - 1)">
          Previous
        </button>
        <span>Page {{ page() + 1 }} of {{ totalPages() }}</span>
        <button type="button" class="secondary" [disabled]="page() + 1 >= totalPages()"
                (click)="changed.emit(page() + 1)">
          Next
        </button>
      </nav>
    }
  `,
})
export class Pager {
  readonly page = input.required<number>();
  readonly totalPages = input.required<number>();
  readonly changed = output<number>();
}
