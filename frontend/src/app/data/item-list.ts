import { DatePipe } from '@angular/common';
import { Component, input } from '@angular/core';

import { Item } from './item';

@Component({
  selector: 'app-item-list',
  imports: [DatePipe],
  templateUrl: './item-list.html',
})
export class ItemList {
  readonly items = input.required<Item[]>();
}
